package org.linli.bot;

import io.quarkus.logging.Log;
import io.quarkus.qute.Engine;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.linli.bot.action.FlowActions;
import org.linli.bot.script.BotScripts;
import org.linli.bot.script.MenuDefinition;
import org.linli.bot.script.ScriptLoader;
import org.linli.bot.script.ScriptSource;
import org.linli.common.Workers;

import java.io.IOException;

/**
 * The scripts in use. Loaded at startup (invalid scripts stop the application with the list of problems); with
 * {@code linli.bot.reload} (dev) the directory is checked at most once a second, on messages, and a changed,
 * valid set replaces the old one; an invalid edit is logged and the old set kept.
 */
@ApplicationScoped
public class BotScriptsHolder {

    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final BotConfig config;
    private final ScriptLoader loader;
    private final Workers workers;
    private final boolean reload;

    private volatile ScriptSource source;
    private volatile BotScripts current;
    private volatile String fingerprint;
    private volatile long lastCheck;

    BotScriptsHolder(BotConfig config, Engine engine, FlowActions actions, Workers workers) {
        this.config = config;
        this.loader = new ScriptLoader(engine, actions.specs());
        this.workers = workers;
        this.reload = config.reload().orElse(LaunchMode.current() == LaunchMode.DEVELOPMENT);
    }

    void onStart(@Observes StartupEvent event) {
        scripts();
    }

    /** The scripts as last loaded (loading them the first time). */
    public synchronized BotScripts scripts() {
        if (current == null) {
            source = ScriptSource.locate(config.scriptsDir());
            fingerprint = fingerprintOf(source);
            current = loader.load(source);
            lastCheck = System.nanoTime();
            Log.infof("Bot scripts loaded from %s: %d flows", source.describe(), current.flows().size());
        }
        return current;
    }

    /** The scripts for the next message: re-read first when reloading is on and a file changed. */
    public Uni<BotScripts> current() {
        BotScripts scripts = scripts();
        if (!reload || !source.isDirectory() || System.nanoTime() - lastCheck < CHECK_INTERVAL_NANOS) {
            return Uni.createFrom().item(scripts);
        }
        return workers.call(this::reloadIfChanged);
    }

    /** The custom menu definition (bot-scripts/menu.yaml), for whoever pushes it to WeChat. */
    public MenuDefinition menu() {
        return scripts().menu();
    }

    synchronized BotScripts reloadIfChanged() {
        lastCheck = System.nanoTime();
        String now = fingerprintOf(source);
        if (now.equals(fingerprint)) {
            return current;
        }
        fingerprint = now;
        try {
            current = loader.load(source);
            Log.infof("Bot scripts reloaded from %s: %d flows", source.describe(), current.flows().size());
        } catch (RuntimeException e) {
            Log.errorf("Bot scripts at %s were changed but cannot be used; keeping the previous ones. %s",
                    source.describe(), e.getMessage());
        }
        return current;
    }

    private static String fingerprintOf(ScriptSource source) {
        try {
            return source.fingerprint();
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
    }
}
