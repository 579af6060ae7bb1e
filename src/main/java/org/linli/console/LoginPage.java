package org.linli.console;

import static org.linli.console.ConsoleFrames.msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.linli.common.Problem;
import org.linli.common.ProblemMessages;
import org.linli.identity.AuthService;
import org.linli.identity.ConsoleCookieMechanism;
import org.linli.identity.SessionStore;

import java.net.URI;

/** The console's login form and logout. Login is the API's staff login, lock-out included. */
@CsrfChecked
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance login(Frame frame, String username, String error, boolean bye);
    }

    private final AuthService auth;
    private final SessionStore sessions;
    private final ConsoleConfig config;

    LoginPage(AuthService auth, SessionStore sessions, ConsoleConfig config) {
        this.auth = auth;
        this.sessions = sessions;
        this.config = config;
    }

    @GET
    @Path("/login")
    @PermitAll
    public Response form(@QueryParam("bye") boolean bye) {
        return form(200, "", null, bye);
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> login(@RestForm String username, @RestForm String password) {
        String user = username == null ? "" : username.strip();
        if (user.isEmpty() || password == null || password.isEmpty() || user.length() > 64 || password.length() > 128) {
            return Uni.createFrom().item(form(400, user, ProblemMessages.text("BAD_CREDENTIALS"), false));
        }
        return auth.consoleLogin(user, password)
                .map(login -> Response.seeOther(URI.create("/console"))
                        .cookie(cookie(ConsoleCookieMechanism.COOKIE, login.token(), -1))
                        .cookie(cookie(ConsoleCsrf.LOGIN_COOKIE, "", 0))
                        .build())
                .onFailure(Problem.class).recoverWithItem(e -> {
                    Problem p = (Problem) e;
                    return form(p.status(), user, ProblemMessages.text(p.code(), p.args()), false);
                });
    }

    @POST
    @Path("/logout")
    @PermitAll
    public Uni<Response> logout(@CookieParam(ConsoleCookieMechanism.COOKIE) String session) {
        Uni<Void> closed = session == null || session.isBlank() ? Uni.createFrom().voidItem()
                : sessions.closeConsole(session);
        return closed.map(ignored -> Response.seeOther(URI.create("/console/login?bye=true"))
                .cookie(cookie(ConsoleCookieMechanism.COOKIE, "", 0))
                .build());
    }

    /** A fresh login CSRF token each time the form is shown, in a cookie and in the form (double submit). */
    private Response form(int status, String username, String error, boolean bye) {
        String token = ConsoleCsrf.randomToken();
        Frame frame = new Frame(msg().login_title(), null, null, null, token, "login", false, false);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.login(frame, username, error, bye))
                .cookie(cookie(ConsoleCsrf.LOGIN_COOKIE, token, -1))
                .build();
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/console").httpOnly(true)
                .secure(config.secureCookie()).sameSite(NewCookie.SameSite.LAX).maxAge(maxAge).build();
    }
}
