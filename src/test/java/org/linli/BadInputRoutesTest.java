package org.linli;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.linli.support.Api;
import org.linli.support.LinliInfra;
import org.linli.support.Residents;
import org.linli.support.Routes;
import org.linli.support.Routes.Route;

import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8 §2: a generated bad-input test over the application's own route list. Every JSON endpoint gets null,
 * {}, [], scalars, wrong types, NUL, lone surrogates and huge numbers in the body and in each field of its body
 * type; every endpoint gets garbage and huge numbers in each query parameter. Nothing may answer 5xx, and every
 * refusal of a JSON endpoint is problem+json. Staff endpoints are called as the platform administrator (past every
 * access check), resident endpoints as a resident.
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BadInputRoutesTest {

    static final List<String> BODIES = List.of("null", "{}", "[]", "\"text\"", "0", "true", "1e400",
            "123456789012345678901234567890", "{\"a\":", "[{}]", "{\"\\u0000\":1}", "\"\\u0000\"", "\"\\ud800\"");
    static final List<String> VALUES = List.of("null", "{}", "[]", "\"\"", "\"\\u0000\"", "\"a\\u0000b\"",
            "\"\\ud800\"", "\"\\udfff x\"", "\"\\u202e\\u200b\"", "-1", "0", "2147483648", "-9223372036854775809",
            "123456789012345678901234567890", "1e308", "-1e400", "1.5", "true", "\"2026-13-45T99:99:99Z\"",
            "\"+999999999-12-31T23:59:59Z\"", "\"" + "长".repeat(5000) + "\"");
    static final List<String> QUERY_VALUES = List.of("abc", "", "-1", "2147483647", "2147483648",
            "99999999999999999999", "1e10", "\u0000", "\ud800", "true", "NOPE");
    static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]+)}");

    @Test
    void noRouteAnswers5xxToBadInput() {
        String admin = Api.adminToken();
        long community = Api.newCommunity(admin);
        given().header("Authorization", "Bearer " + admin).contentType("text/csv")
                .body("楼栋,单元,房号,面积,业主姓名,电话,网格\n1号楼,1单元,101,90,张三,,第一网格\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/communities/" + community + "/roster").then().statusCode(200);
        String resident = Residents.login().token();

        List<Route> routes = Routes.all();
        assertTrue(routes.stream().filter(Route::consumesJson).count() >= 10, "routes not found: " + routes);
        List<String> failures = new ArrayList<>();
        Map<String, Integer> requests = new LinkedHashMap<>();
        for (Route route : routes) {
            if (route.path().startsWith("/dev/") || route.path().startsWith("/wechat/")) {
                continue; // dev-only simulator; the gateway has its own hostile-input tests (MpCallbackSecurityTest)
            }
            String token = isResidentRoute(route) ? resident : route.path().startsWith("/api/v1/auth") ? null : admin;
            String path = fill(route.path(), community);
            int sent = 0;
            if (route.consumesJson()) {
                for (String body : bodies(route)) {
                    check(route, call(route, token, path, body), body, failures);
                    sent++;
                }
            }
            for (var query : queryParameters(route)) {
                String name = query.getAnnotation(jakarta.ws.rs.QueryParam.class).value();
                for (String value : QUERY_VALUES) {
                    String url = path + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                    check(route, call(route, token, url, route.consumesJson() ? "{}" : null), name + "=" + value, failures);
                    sent++;
                }
            }
            requests.put(route.toString(), sent);
        }
        System.out.println("Bad-input requests per route: " + requests);
        assertFalse(requests.values().stream().allMatch(n -> n == 0));
        assertTrue(failures.isEmpty(), failures.size() + " bad answers:\n" + String.join("\n", failures));
    }

    /** The Java type of the JSON body: the OpenAPI schema of a raw-bytes body, or the body parameter's type. */
    static java.util.Optional<Class<?>> bodyType(Route route) {
        var schema = route.javaMethod().getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.RequestBody.class);
        if (schema != null && schema.content().length > 0 && schema.content()[0].schema().implementation() != Void.class) {
            return java.util.Optional.of(schema.content()[0].schema().implementation());
        }
        return java.util.Arrays.stream(route.javaMethod().getParameters())
                .filter(p -> java.util.Arrays.stream(p.getAnnotations())
                        .noneMatch(a -> a.annotationType().getPackageName().startsWith("jakarta.ws.rs")))
                .<Class<?>>map(java.lang.reflect.Parameter::getType)
                .filter(t -> t != byte[].class && t != String.class)
                .findFirst();
    }

    static List<java.lang.reflect.Parameter> queryParameters(Route route) {
        return java.util.Arrays.stream(route.javaMethod().getParameters())
                .filter(p -> p.isAnnotationPresent(jakarta.ws.rs.QueryParam.class)).toList();
    }

    private static boolean isResidentRoute(Route route) {
        return route.path().startsWith("/api/v1/me") || route.path().startsWith("/api/v1/notices");
    }

    private static String fill(String template, long community) {
        Matcher m = TEMPLATE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(out, name.equals("communityId") || name.equals("cid") ? Long.toString(community) : "1");
        }
        return m.appendTail(out).toString();
    }

    /** The generic bodies, then one body per field of the body type with each bad value in that field. */
    private static List<String> bodies(Route route) {
        List<String> bodies = new ArrayList<>(BODIES);
        bodyType(route).filter(Class::isRecord).ifPresent(type -> {
            for (RecordComponent c : type.getRecordComponents()) {
                for (String value : VALUES) {
                    bodies.add("{\"" + c.getName() + "\":" + value + "}");
                }
            }
        });
        return bodies;
    }

    private static Response call(Route route, String token, String path, String body) {
        RequestSpecification spec = given().urlEncodingEnabled(false);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            spec = spec.contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        }
        return spec.request(route.method(), path);
    }

    private static void check(Route route, Response response, String input, List<String> failures) {
        int status = response.statusCode();
        String shown = input.length() > 80 ? input.substring(0, 80) + "…" : input;
        if (status >= 500) {
            failures.add(route + " ← " + shown + " → " + status + " " + response.asString());
        } else if (status >= 400 && route.consumesJson()
                && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            failures.add(route + " ← " + shown + " → " + status + " without problem+json: " + response.contentType());
        }
    }
}
