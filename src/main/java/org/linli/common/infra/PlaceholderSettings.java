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
 * At production start: a secret still holding a built-in demo value or a placeholder stops the start, naming every
 * such key (anyone who reads this repository knows the demo values: they would sign callbacks, fetch tokens with the
 * app secrets, or reverse the phone hashes). Every other linli.* setting still holding one (app ids, template ids)
 * is named in an error line, and the application starts: benchmarks and smoke tests run the prod profile with them.
 */
@ApplicationScoped
class PlaceholderSettings {

    private static final List<String> MARKS = List.of("replace_me", "demo-", "wx-demo", "change-me", "linlidemo",
            "abcdefghijklmnopqrstuvwxyz"); // the last: the demo EncodingAESKey

    /** An empty linli.wechat.mp.aes-key is allowed: plain mode only. */
    static final List<String> SECRETS = List.of("linli.wechat.mp.token", "linli.wechat.mp.aes-key",
            "linli.wechat.mp.secret", "linli.wechat.mini.secret", "linli.phone-hash-key");

    void onStart(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> names = placeholders(config);
        List<String> secrets = names.stream().filter(SECRETS::contains).toList();
        if (!secrets.isEmpty()) {
            String message = "Linli cannot start: these secrets still hold their demo values: "
                    + String.join(", ", secrets) + ". Set them (env vars or a secret, see deployment/README.md).";
            Log.fatal(message);
            throw new DemoSecrets(message);
        }
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

    /** Stops the start; the message names the keys, never their values. */
    static final class DemoSecrets extends IllegalStateException {
        DemoSecrets(String message) {
            super(message);
        }
    }
}
