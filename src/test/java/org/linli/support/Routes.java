package org.linli.support;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application's HTTP routes, read from its JAX-RS resource classes (every {@code @Path} class under
 * {@code org.linli} in the main code), so tests that must cover every endpoint need no hand-kept list.
 */
public final class Routes {

    private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH", HEAD.class, "HEAD", OPTIONS.class, "OPTIONS");
    private static final List<Class<? extends Annotation>> PARAMETER_ANNOTATIONS = List.of(PathParam.class,
            QueryParam.class, HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class,
            Context.class);

    private static volatile List<Route> all;

    private Routes() {
    }

    /**
     * One endpoint. {@code path} is the template, e.g. {@code /api/v1/communities/{communityId}/grids};
     * {@code consumesJson} when it reads a JSON body (an entity parameter, or {@code @Consumes} JSON).
     */
    public record Route(String method, String path, Method javaMethod, boolean consumesJson) {

        /** The Java type of the JSON body: the entity parameter, or the OpenAPI schema of a raw-bytes body. */
        public Optional<Class<?>> bodyType() {
            var schema = javaMethod.getAnnotation(org.eclipse.microprofile.openapi.annotations.parameters.RequestBody.class);
            if (schema != null && schema.content().length > 0 && schema.content()[0].schema().implementation() != Void.class) {
                return Optional.of(schema.content()[0].schema().implementation());
            }
            return entity(javaMethod).map(Parameter::getType).filter(t -> t != byte[].class && t != String.class);
        }

        /** Names of the query parameters, in declaration order. */
        public List<Parameter> queryParameters() {
            return Arrays.stream(javaMethod.getParameters()).filter(p -> p.isAnnotationPresent(QueryParam.class)).toList();
        }

        /** {@code METHOD /path/{template}}: how the authorization matrix names a route. */
        public String key() {
            return method + " " + path;
        }

        /** The request has a body (an entity parameter). */
        public boolean hasBody() {
            return entity(javaMethod).isPresent();
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

        @Override
        public String toString() {
            return key();
        }
    }

    public static List<Route> all() {
        if (all == null) {
            all = load();
        }
        return all;
    }

    private static List<Route> load() {
        List<Route> routes = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.linli")) {
            if (!type.isAnnotatedWith(Path.class)) {
                continue;
            }
            Class<?> resource = type.reflect();
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                Optional<String> verb = METHODS.entrySet().stream().filter(e -> m.isAnnotationPresent(e.getKey()))
                        .map(Map.Entry::getValue).findFirst();
                if (verb.isEmpty()) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                routes.add(new Route(verb.get(), join(base, sub == null ? "" : sub.value()), m, readsJson(resource, m)));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return List.copyOf(routes);
    }

    private static boolean readsJson(Class<?> resource, Method m) {
        Consumes consumes = m.isAnnotationPresent(Consumes.class) ? m.getAnnotation(Consumes.class)
                : resource.getAnnotation(Consumes.class);
        if (consumes != null) {
            return Arrays.stream(consumes.value()).anyMatch(v -> v.contains(MediaType.APPLICATION_JSON));
        }
        return entity(m).filter(p -> p.getType() != byte[].class && p.getType() != String.class).isPresent();
    }

    private static Optional<Parameter> entity(Method m) {
        return Arrays.stream(m.getParameters())
                .filter(p -> PARAMETER_ANNOTATIONS.stream().noneMatch(p::isAnnotationPresent))
                .filter(p -> !p.getType().getName().startsWith("io.vertx."))
                .findFirst();
    }

    private static String join(String base, String sub) {
        // Regex parts of templates ({id: [0-9]+}) are not part of the route's name.
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
