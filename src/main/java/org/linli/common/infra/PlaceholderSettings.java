package org.linli.common.infra;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Names, at production start, every linli.* setting still holding a built-in demo value or a REPLACE_ME
 * placeholder: WeChat credentials and template ids that only the fake WeChat API accepts. The application still
 * starts (benchmarks and smoke tests run the prod profile with them), but an operator reads exactly what to set.
 */
@ApplicationScoped
class PlaceholderSettings {

    private static final List<String> MARKS = List.of("replace_me", "demo-", "wx-demo", "change-me", "linlidemo",
            "abcdefghijklmnopqrstuvwxyz"); // the last: the demo EncodingAESKey

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> names = placeholders(config);
        if (!names.isEmpty()) {
            Log.errorf("These settings hold demo or placeholder values; WeChat will refuse them. Set them (env vars"
                    + " or a secret, see deployment/README.md): %s", String.join(", ", names));
        }
    }

    static List<String> placeholders(Config config) {
        return StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(name -> name.startsWith("linli."))
                .filter(name -> isPlaceholder(config, name))
                .sorted()
                .toList();
    }

    private static boolean isPlaceholder(Config config, String name) {
        Optional<String> value;
        try {
            value = config.getOptionalValue(name, String.class);
        } catch (RuntimeException unresolvable) {
            return false; // Quarkus itself reports settings it cannot resolve
        }
        return value.map(v -> v.toLowerCase(Locale.ROOT))
                .filter(v -> MARKS.stream().anyMatch(v::contains))
                .isPresent();
    }
}
