package org.linli.console;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** A console user over plain HTTP: logs in through the form, keeps the session cookie and the page's CSRF token. */
public final class ConsoleClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final String session;
    final String csrf;

    private ConsoleClient(String session, String csrf) {
        this.session = session;
        this.csrf = csrf;
    }

    static Response postLogin(String username, String password) {
        Response form = given().redirects().follow(false).get("/console/login");
        String loginCsrf = form.getCookie(ConsoleCsrf.LOGIN_COOKIE);
        return given().redirects().follow(false)
                .cookie(ConsoleCsrf.LOGIN_COOKIE, loginCsrf)
                .formParam("csrf", csrfIn(form.asString()))
                .formParam("username", username).formParam("password", password)
                .post("/console/login");
    }

    public static ConsoleClient login(String username, String password) {
        Response r = postLogin(username, password);
        if (r.statusCode() != 303) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.asString());
        }
        String session = r.getCookie(org.linli.identity.ConsoleCookieMechanism.COOKIE);
        String page = given().cookie(org.linli.identity.ConsoleCookieMechanism.COOKIE, session).redirects().follow(true)
                .get("/console").asString();
        return new ConsoleClient(session, csrfIn(page));
    }

    /** The session cookie's name and value, for a load tool's own HTTP client. */
    public String cookie() {
        return org.linli.identity.ConsoleCookieMechanism.COOKIE + "=" + session;
    }

    RequestSpecification page() {
        return given().config(RestAssuredConfig.config().encoderConfig(
                        EncoderConfig.encoderConfig().defaultContentCharset("UTF-8")))
                .cookie(org.linli.identity.ConsoleCookieMechanism.COOKIE, session).redirects().follow(false);
    }

    RequestSpecification form() {
        return page().formParam("csrf", csrf);
    }

    static String csrfIn(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in page: " + html);
        }
        return m.group(1);
    }
}
