package org.linli.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A conversation from bot-scripts/conversations/*.yaml: who the resident is ({@code given}), what they send turn
 * by turn and what each reply must contain. Replayed here through Conversations.handle and by the gateway through
 * the signed /wechat/mp endpoint.
 */
record Transcript(String name, String given, List<Turn> turns, Integer threads) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static Transcript read(Path file) throws IOException {
        return YAML.readValue(file.toFile(), Transcript.class);
    }

    /** unbound (default), pending or verified. */
    String standing() {
        return given == null ? "unbound" : given;
    }

    /** One message and the expectations on its reply. Exactly one of the inputs is set. */
    record Turn(String user, String voice, String event, String click, Place location, Boolean image,
                List<String> expect, Boolean silent) {

        IncomingMessage toMessage(String openid, String inviteCode) {
            Instant now = Instant.now();
            int inputs = (user != null ? 1 : 0) + (voice != null ? 1 : 0) + (event != null ? 1 : 0)
                    + (click != null ? 1 : 0) + (location != null ? 1 : 0) + (Boolean.TRUE.equals(image) ? 1 : 0);
            if (inputs != 1) {
                throw new IllegalArgumentException("a turn needs exactly one of user, voice, event, click, location,"
                        + " image: " + this);
            }
            if (user != null) {
                return IncomingMessage.text(openid, user.replace("{inviteCode}", inviteCode));
            }
            if (voice != null) {
                return new IncomingMessage(openid, IncomingMessage.Kind.VOICE, voice.replace("{inviteCode}", inviteCode),
                        null, null, "voice-" + UUID.randomUUID(), null, now);
            }
            if (event != null) {
                IncomingMessage.Kind kind = switch (event) {
                    case "subscribe" -> IncomingMessage.Kind.SUBSCRIBE;
                    case "scan" -> IncomingMessage.Kind.SCAN;
                    case "unsubscribe" -> IncomingMessage.Kind.UNSUBSCRIBE;
                    default -> throw new IllegalArgumentException("event: subscribe, scan or unsubscribe, not " + event);
                };
                return new IncomingMessage(openid, kind, null, kind == IncomingMessage.Kind.SUBSCRIBE ? null : "scene",
                        null, null, null, now);
            }
            if (click != null) {
                return new IncomingMessage(openid, IncomingMessage.Kind.MENU_CLICK, null, click, null, null, null, now);
            }
            if (location != null) {
                return new IncomingMessage(openid, IncomingMessage.Kind.LOCATION, null, null,
                        new IncomingMessage.Location(location.latitude(), location.longitude(), location.label()),
                        null, null, now);
            }
            return new IncomingMessage(openid, IncomingMessage.Kind.IMAGE, null, null, null,
                    "media-" + UUID.randomUUID(), "https://mmbiz.qpic.cn/transcript/photo.jpg", now);
        }

        /** What is wrong with the reply, or null. "/regex/" entries are searched, others must be contained. */
        String check(Reply reply) {
            if (Boolean.TRUE.equals(silent)) {
                return reply.isEmpty() ? null : "expected silence, got: " + reply.text();
            }
            if (reply.isEmpty()) {
                return "the bot said nothing";
            }
            for (String e : expect == null ? List.<String>of() : expect) {
                boolean regex = e.length() > 2 && e.startsWith("/") && e.endsWith("/");
                boolean ok = regex ? Pattern.compile(e.substring(1, e.length() - 1)).matcher(reply.text()).find()
                        : reply.text().contains(e);
                if (!ok) {
                    return "expected " + (regex ? e : "«" + e + "»") + " in:\n" + reply.text();
                }
            }
            return null;
        }
    }

    record Place(double latitude, double longitude, String label) {
    }
}
