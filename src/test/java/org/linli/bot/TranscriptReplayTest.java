package org.linli.bot;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.linli.support.LinliInfra;
import org.linli.support.WechatCallbacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays every bot-scripts/conversations/*.yaml with a fresh openid each: once straight into
 * Conversations.handle, and once end-to-end as WeChat would send it, signed, to /wechat/mp (every other
 * transcript in safe mode, encrypted).
 */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class TranscriptReplayTest {

    static final Path TRANSCRIPTS = Path.of("bot-scripts", "conversations");

    @Inject
    BotWorld world;

    @TestFactory
    Stream<DynamicTest> transcripts() throws IOException {
        return transcriptFiles().stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> replay(file, world::send)));
    }

    @TestFactory
    Stream<DynamicTest> transcriptsThroughTheSignedEndpoint() throws IOException {
        List<Path> files = transcriptFiles();
        return files.stream().map(file -> {
            boolean encrypted = files.indexOf(file) % 2 == 1;
            return DynamicTest.dynamicTest(file.getFileName() + (encrypted ? " (safe mode)" : " (plain)"),
                    () -> replay(file, message -> WechatCallbacks.exchange(message, encrypted)));
        });
    }

    private static List<Path> transcriptFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(TRANSCRIPTS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no transcripts in " + TRANSCRIPTS.toAbsolutePath());
        return files;
    }

    private void replay(Path file, Function<IncomingMessage, Reply> channel) throws IOException {
        Transcript t = Transcript.read(file);
        String openid = BotWorld.newOpenid();
        BotWorld.Home home = world.home();
        String inviteCode = world.inviteCode(home);
        switch (t.standing()) {
            case "unbound" -> { }
            case "pending" -> world.resident(openid, home, "PENDING");
            case "verified" -> world.resident(openid, home, "VERIFIED");
            default -> fail(file + ": given must be unbound, pending or verified");
        }
        StringBuilder log = new StringBuilder("== " + file.getFileName() + ": " + t.name() + "\n");
        int n = 0;
        for (Transcript.Turn turn : t.turns()) {
            n++;
            IncomingMessage message = turn.toMessage(openid, inviteCode);
            Reply reply = channel.apply(message);
            log.append("> ").append(describe(message)).append('\n')
                    .append("< ").append(reply.isEmpty() ? "(silence)" : reply.text().replace("\n", "\n  ")).append('\n');
            String wrong = turn.check(reply);
            if (wrong != null) {
                System.out.print(log);
                fail(file.getFileName() + " turn " + n + ": " + wrong);
            }
        }
        System.out.print(log);
        if (t.threads() != null) {
            assertEquals(t.threads().intValue(), world.threadsOf(openid).size(), file + ": threads at the end");
        }
    }

    private static String describe(IncomingMessage m) {
        return switch (m.kind()) {
            case TEXT -> m.text();
            case VOICE -> "[语音] " + m.text();
            case LOCATION -> "[位置] " + m.location().label();
            case IMAGE -> "[图片]";
            case MENU_CLICK -> "[菜单] " + m.eventKey();
            default -> "[" + m.kind() + "]";
        };
    }
}
