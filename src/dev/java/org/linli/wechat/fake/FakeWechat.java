package org.linli.wechat.fake;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.linli.wechat.WechatApiStandIn;
import org.linli.wechat.WechatConfig;

import java.util.Optional;

/**
 * The fake WeChat API as a bean of dev mode and the tests: started on first use when linli.wechat.fake.enabled,
 * with the configured Official Account and Mini-Program registered. Tests and the dev chat script and inspect it
 * through {@link #fake()}.
 */
@Singleton
public class FakeWechat implements WechatApiStandIn {

    private final FakeWechatServer server;
    private final Vertx vertx;

    FakeWechat(WechatConfig config) {
        if (config.fake().enabled()) {
            // Its own Vert.x: the fake is "another server", kept off the app's event loops and metrics.
            vertx = Vertx.vertx();
            server = new FakeWechatServer(vertx)
                    .registerApp(config.mp().appId(), config.mp().secret())
                    .registerApp(config.mini().appId(), config.mini().secret());
            server.start(config.fake().port());
        } else {
            vertx = null;
            server = null;
        }
    }

    @Override
    public String baseUrl() {
        return fake().orElseThrow(() -> new IllegalStateException("linli.wechat.fake.enabled is false")).baseUrl();
    }

    /** The running fake, when enabled. */
    public Optional<FakeWechatServer> fake() {
        return Optional.ofNullable(server);
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.stop();
            vertx.close();
        }
    }
}
