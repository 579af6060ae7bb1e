package org.linli.wechat;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.linli.wechat.fake.FakeWechatServer;

import java.util.Optional;

/**
 * The base URL of the WeChat API that WxJava talks to: the real one, or, with linli.wechat.fake.enabled (dev and
 * test), a local fake server that speaks the same paths and JSON and records every call.
 */
@Startup
@Singleton
public class WechatEndpoint {

    private final WechatConfig config;
    private final FakeWechatServer fake;

    private Vertx fakeVertx;

    WechatEndpoint(WechatConfig config) {
        this.config = config;
        if (config.fake().enabled()) {
            // Its own Vert.x: the fake is "another server", kept off the app's event loops and metrics.
            fakeVertx = Vertx.vertx();
            fake = new FakeWechatServer(fakeVertx)
                    .registerApp(config.mp().appId(), config.mp().secret())
                    .registerApp(config.mini().appId(), config.mini().secret());
            fake.start(config.fake().port());
            Log.infof("Fake WeChat API listening on %s (linli.wechat.fake.enabled)", fake.baseUrl());
        } else {
            fake = null;
        }
    }

    public String apiBaseUrl() {
        return fake != null ? fake.baseUrl() : config.apiBaseUrl();
    }

    /** The local fake, when enabled: tests and the dev simulator script and inspect it. */
    public Optional<FakeWechatServer> fake() {
        return Optional.ofNullable(fake);
    }

    void stop(@Observes ShutdownEvent event) {
        if (fake != null) {
            fake.stop();
            fakeVertx.close();
        }
    }
}
