package org.linli.wechat.mp;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.nio.charset.StandardCharsets;

/** WeChat's server calls this: GET to verify the URL, POST for every message and event. */
@Path("/wechat/mp")
@PermitAll
@Tag(name = "wechat", description = "公众号消息回调")
public class MpCallbackResource {

    /** WeChat messages are a few KB; anything near this is not from WeChat. */
    static final int MAX_BODY = 64 * 1024;

    private final CallbackVerifier verifier;
    private final MpCallbackService service;

    MpCallbackResource(CallbackVerifier verifier, MpCallbackService service) {
        this.verifier = verifier;
        this.service = service;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public Response verify(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                           @QueryParam("nonce") String nonce, @QueryParam("echostr") String echostr) {
        if (echostr == null || !verifier.signedByWechat(signature, timestamp, nonce)) {
            throw CallbackRejected.badSignature();
        }
        return Response.ok(echostr).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                                 @QueryParam("nonce") String nonce, @QueryParam("openid") String openid,
                                 @QueryParam("encrypt_type") String encryptType,
                                 @QueryParam("msg_signature") String msgSignature,
                                 @HeaderParam("Content-Length") Long contentLength, byte[] body) {
        if ((contentLength != null && contentLength > MAX_BODY) || body.length > MAX_BODY) {
            throw CallbackRejected.tooLarge();
        }
        CallbackParams params = new CallbackParams(signature, timestamp, nonce, openid, encryptType, msgSignature);
        return service.handle(params, new String(body, StandardCharsets.UTF_8))
                .map(reply -> MpCallbackService.SUCCESS.equals(reply)
                        ? Response.ok(reply, MediaType.TEXT_PLAIN).build()
                        : Response.ok(reply, MediaType.APPLICATION_XML + ";charset=utf-8").build());
    }
}
