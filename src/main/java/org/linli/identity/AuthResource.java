package org.linli.identity;

import jakarta.annotation.security.PermitAll;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/auth")
@PermitAll
@Tag(name = "auth", description = "登录：小程序居民与社区工作人员")
public class AuthResource {

    private final AuthService auth;
    private final SessionStore sessions;

    AuthResource(AuthService auth, SessionStore sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    public record MiniLoginRequest(@NotBlank @Size(max = 128) String code) {
    }

    public record StaffLoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    public record TokenResponse(String token, String kind, long id, String name, List<Grant> grants) {
        static TokenResponse of(AuthService.Login login) {
            Caller c = login.caller();
            return new TokenResponse(login.token(), c.kind().name(), c.id(), c.name(), c.grants());
        }
    }

    @POST
    @Path("/mini")
    @Operation(summary = "Mini-Program login with a wx.login code; the openid comes from WeChat, never the client")
    public Uni<TokenResponse> mini(@Valid MiniLoginRequest request) {
        return auth.miniLogin(request.code()).map(TokenResponse::of);
    }

    @POST
    @Path("/staff")
    @Operation(summary = "Staff login; locks the account for a while after repeated wrong passwords")
    public Uni<TokenResponse> staff(@Valid StaffLoginRequest request) {
        return auth.staffLogin(request.username(), request.password()).map(TokenResponse::of);
    }

    @POST
    @Path("/logout")
    public Uni<Void> logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Uni.createFrom().voidItem();
        }
        return sessions.close(authorization.substring(7).trim());
    }
}
