package org.linli.support;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The application's HTTP API as its JAX-RS resource classes declare it, read from the compiled main classes: the
 * route list the authorization matrix and the bad-input tests are generated from, so a new endpoint is in them
 * without anyone adding it by hand.
 */
public final class Routes {

    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH", HEAD.class, "HEAD");

    /** One endpoint: {@code path} is the template, e.g. {@code /api/v1/communities/{communityId}/grids}. */
    public record Route(String method, String path, Method javaMethod) {

        public String key() {
            return method + " " + path;
        }

        /** The request body is JSON (declared, or by default for a body parameter). */
        public boolean consumesJson() {
            Consumes consumes = javaMethod.getAnnotation(Consumes.class);
            if (consumes == null) {
                consumes = javaMethod.getDeclaringClass().getAnnotation(Consumes.class);
            }
            return consumes == null ? hasBody() : Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON);
        }

        /** A parameter without a JAX-RS annotation is the request body. */
        public boolean hasBody() {
            return Arrays.stream(javaMethod.getParameterAnnotations())
                    .anyMatch(annotations -> Arrays.stream(annotations)
                            .noneMatch(a -> a.annotationType().getPackageName().startsWith("jakarta.ws.rs")));
        }

        /** The path with each {@code {name}} replaced by the value for that name. */
        public String fill(Map<String, Object> values) {
            String filled = path;
            for (var e : values.entrySet()) {
                filled = filled.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
            }
            if (filled.contains("{")) {
                throw new IllegalArgumentException("No value for a parameter of " + path + " in " + values.keySet());
            }
            return filled;
        }
    }

    private Routes() {
    }

    public static List<Route> all() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.linli").stream()
                .filter(c -> c.isAnnotatedWith(Path.class))
                .map(c -> c.reflect())
                .flatMap(Routes::routesOf)
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }

    private static Stream<Route> routesOf(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        return Arrays.stream(resource.getDeclaredMethods()).flatMap(m -> METHODS.entrySet().stream()
                .filter(e -> m.isAnnotationPresent(e.getKey()))
                .map(e -> new Route(e.getValue(), join(base, m.getAnnotation(Path.class)), m)));
    }

    private static String join(String base, Path sub) {
        String path = sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
        // Regex parts of templates ({id: [0-9]+}) are not part of the route's name.
        return path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/$", "");
    }
}
