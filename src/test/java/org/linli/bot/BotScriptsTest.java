package org.linli.bot;

import io.quarkus.qute.Engine;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.linli.bot.action.FlowActions;
import org.linli.bot.action.Residency;
import org.linli.bot.script.BotScripts;
import org.linli.bot.script.MenuDefinition;
import org.linli.bot.script.ScriptException;
import org.linli.bot.script.ScriptLoader;
import org.linli.bot.script.ScriptSource;
import org.linli.common.Workers;
import org.linli.support.LinliInfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.linli.bot.BotWorld.newOpenid;
import static org.linli.bot.Says.says;

/** Loading, checking and reloading bot-scripts/: a committee's edit either works or is refused with reasons. */
@QuarkusTest
@QuarkusTestResource(LinliInfra.class)
class BotScriptsTest {

    @Inject
    Engine engine;
    @Inject
    FlowActions actions;
    @Inject
    Workers workers;
    @Inject
    BotConfig config;
    @Inject
    ConversationStore store;
    @Inject
    OpenidLock lock;
    @Inject
    RateLimiter limiter;
    @Inject
    Residency residency;
    @Inject
    BotWorld world;
    @Inject
    BotScriptsHolder holder;

    @TempDir
    Path dir;

    @BeforeEach
    void copyScripts() throws IOException {
        Path from = Path.of("bot-scripts");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    private BotScripts load() {
        return new ScriptLoader(engine, actions.specs()).load(ScriptSource.directory(dir));
    }

    private List<String> problems() {
        return assertThrows(ScriptException.class, this::load).problems();
    }

    private void edit(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " has no «" + from + "»");
        Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static void mentions(List<String> problems, String... parts) {
        assertTrue(problems.stream().anyMatch(p -> Stream.of(parts).allMatch(p::contains)),
                () -> "no problem mentions " + List.of(parts) + " in " + problems);
    }

    @Test
    void theShippedScriptsLoadWithTheirMenu() {
        BotScripts scripts = holder.scripts();
        assertTrue(scripts.flows().keySet().containsAll(List.of("subscribe", "help", "bind", "bind-status", "my",
                "shuoshi", "notices")));
        MenuDefinition menu = holder.menu();
        assertTrue(menu.buttons().size() <= 3);
        assertTrue(menu.clickKeys().containsAll(List.of("MENU_SHUOSHI", "MENU_MY", "MENU_HELP", "MENU_NOTICES")));
        menu.clickKeys().forEach(key -> assertTrue(scripts.byMenuKey(key).isPresent(), key));
    }

    @Test
    void aPackagedCopyIsUsedWhenTheDirectoryIsAbsent() {
        ScriptSource packaged = ScriptSource.locate("no-such-dir-" + System.nanoTime());
        assertFalse(packaged.isDirectory());
        assertFalse(packaged.exists("conversations"), "transcripts are test material, not packaged");
        BotScripts scripts = new ScriptLoader(engine, actions.specs()).load(packaged);
        assertEquals(holder.scripts().flows().keySet(), scripts.flows().keySet());
    }

    @Test
    void typosInTemplateVariablesAreRefusedAtLoad() throws IOException {
        edit("flows/shuoshi.yaml", "编号 {refNo}", "编号 {refNumber}");
        mentions(problems(), "flows/shuoshi.yaml", "replies.created", "refNumber");
    }

    @Test
    void brokenTemplateSyntaxAndUnknownKeysAreRefused() throws IOException {
        edit("flows/help.yaml", "  done: |-", "  done2: |-");
        edit("flows/my.yaml", "{/for}", "{/if}");
        edit("flows/bind.yaml", "    max-length: 20", "    max-lenght: 20");
        List<String> problems = problems();
        mentions(problems, "flows/help.yaml", "done2");
        mentions(problems, "flows/help.yaml", "replies.done is missing");
        mentions(problems, "flows/my.yaml", "template error");
        mentions(problems, "flows/bind.yaml", "max-lenght");
    }

    @Test
    void theStepsAnActionNeedsAreChecked() throws IOException {
        edit("flows/shuoshi.yaml", "  - id: where", "  - id: place");
        edit("flows/bind.yaml", "租客: TENANT", "租客: RENTER");
        List<String> problems = problems();
        mentions(problems, "flows/shuoshi.yaml", "needs a step with id 'where'");
        mentions(problems, "flows/bind.yaml", "RENTER");
    }

    @Test
    void clashingTriggersAndBadValidationAreRefused() throws IOException {
        edit("flows/help.yaml", "words: [帮助,", "words: [说事, 取消, 帮助,");
        edit("flows/shuoshi.yaml", "    min-length: 4", "    min-length: 600\n    pattern: \"[a-\"");
        List<String> problems = problems();
        mentions(problems, "trigger word '说事'");
        mentions(problems, "trigger word '取消' is a cancel word");
        mentions(problems, "min-length / max-length");
        mentions(problems, "pattern does not compile");
    }

    @Test
    void newFollowersMustBeWelcomedByAFlow() throws IOException {
        Files.delete(dir.resolve("flows/subscribe.yaml"));
        mentions(problems(), "subscribe event");
    }

    @Test
    void theMenuIsCheckedAgainstWechatLimitsAndTheFlows() throws IOException {
        Files.writeString(dir.resolve("menu.yaml"), """
                buttons:
                  - {name: 说事, type: click, key: MENU_SHUOSHI}
                  - {name: 一个太长的菜单名字, type: click, key: MENU_HELP}
                  - {name: 网页, type: view}
                  - {name: 第四个, type: click, key: MENU_NOBODY_ANSWERS}
                """, StandardCharsets.UTF_8);
        List<String> problems = problems();
        mentions(problems, "menu.yaml", "1 to 3 buttons");
        mentions(problems, "menu.yaml", "longer than 16 bytes");
        mentions(problems, "menu.yaml", "needs a url");
        mentions(problems, "menu.yaml", "MENU_NOBODY_ANSWERS", "not answered");
    }

    @Test
    void editsAreReloadedWithoutARestartAndBrokenEditsKeepTheOldScripts() throws Exception {
        BotScriptsHolder live = new BotScriptsHolder(new Dir(config, dir), engine, actions, workers);
        ScriptedConversations bot = new ScriptedConversations(live, store, lock, limiter, actions, residency);
        String openid = newOpenid();
        says(world.send(bot, IncomingMessage.text(openid, "公告")), "社区公告只发给已绑定房屋的居民");

        edit("flows/notices.yaml", "社区公告只发给已绑定房屋的居民", "本周六上午九点在广场开居民议事会");
        // Messages look at the directory at most once a second; the test runs that look itself instead of waiting.
        live.reloadIfChanged();
        says(world.send(bot, IncomingMessage.text(openid, "公告")), "本周六上午九点");

        edit("flows/notices.yaml", "  unbound:", "  unboundd:");
        live.reloadIfChanged();
        says(world.send(bot, IncomingMessage.text(openid, "公告")), "本周六上午九点");
    }

    /** The test's scripts directory, with reloading on. */
    private record Dir(BotConfig base, Path dir) implements BotConfig {
        public String scriptsDir() {
            return dir.toString();
        }

        public Optional<Boolean> reload() {
            return Optional.of(true);
        }

        public Duration conversationTtl() {
            return base.conversationTtl();
        }

        public Lock lock() {
            return base.lock();
        }

        public RateLimit rateLimit() {
            return base.rateLimit();
        }
    }
}
