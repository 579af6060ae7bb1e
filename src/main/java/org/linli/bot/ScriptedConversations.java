package org.linli.bot;

import org.linli.community.InviteService;
import org.linli.meeting.MeetingCheckIn;
import io.quarkus.logging.Log;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.linli.bot.action.ActionContext;
import org.linli.bot.action.FlowActions;
import org.linli.bot.action.Outcome;
import org.linli.bot.action.Residency;
import org.linli.bot.script.BotScripts;
import org.linli.bot.script.Flow;
import org.linli.bot.script.Render;
import org.linli.bot.script.Step;
import org.linli.bot.script.Texts;
import org.linli.bot.script.Words;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The conversation engine: routes each message by the resident's current flow step, the menu key or the trigger
 * words of bot-scripts/, checks answers, runs the flow's action and words the reply from the scripts.
 * <p>
 * Per message: rate limit (Redis; counted by the gateway's admission script when it comes from there) → the
 * openid's lock taken and the state (Redis hash) read in one script → decision → fenced state write and lock release
 * in one script. Nothing about a conversation is kept in this JVM, so any replica can take the next message.
 */
@ApplicationScoped
public class ScriptedConversations implements Conversations {

    private final BotScriptsHolder scripts;
    private final ConversationStore store;
    private final OpenidLock lock;
    private final RateLimiter limiter;
    private final FlowActions actions;
    private final Residency residency;

    ScriptedConversations(BotScriptsHolder scripts, ConversationStore store, OpenidLock lock, RateLimiter limiter,
                          FlowActions actions, Residency residency) {
        this.scripts = scripts;
        this.store = store;
        this.lock = lock;
        this.limiter = limiter;
        this.actions = actions;
        this.residency = residency;
    }

    /** What a message leads to: the reply and the state to keep (null: no conversation in progress). */
    private record Turn(Reply reply, ConversationState next) {
    }

    @Override
    public Uni<Reply> handle(IncomingMessage message) {
        return handle(message, () -> limiter.hit(message.openid()));
    }

    @Override
    public Uni<Reply> handle(IncomingMessage message, RateLimiter.Verdict counted) {
        return handle(message, () -> Uni.createFrom().item(counted));
    }

    private Uni<Reply> handle(IncomingMessage message, Supplier<Uni<RateLimiter.Verdict>> verdict) {
        if (message == null || message.openid() == null || message.openid().isBlank() || message.kind() == null) {
            return Uni.createFrom().item(Reply.NONE);
        }
        String openid = message.openid();
        return scripts.current().chain(s -> {
            if (message.kind() == IncomingMessage.Kind.UNSUBSCRIBE) {
                return store.clear(openid).replaceWith(Reply.NONE);
            }
            return verdict.get().chain(v -> switch (v) {
                case ALLOWED -> lock.acquire(openid).chain(held -> held.isPresent()
                        ? converse(s, message, held.get()) : Uni.createFrom().item(say(s, Texts.BUSY)));
                case FIRST_REFUSAL -> Uni.createFrom().item(say(s, Texts.RATE_LIMITED));
                case REFUSED -> Uni.createFrom().item(Reply.NONE);
            }).onFailure().recoverWithItem(e -> {
                Log.errorf(e, "Bot failed on a %s message from %s", message.kind(), openid);
                return say(s, Texts.ERROR);
            });
        });
    }

    /** Decides with the state read under the lock; writes the next state as the lock is released. */
    private Uni<Reply> converse(BotScripts s, IncomingMessage message, OpenidLock.Held held) {
        String openid = message.openid();
        ConversationState before = held.state();
        return Uni.createFrom().deferred(() -> decide(s, current(s, before), message))
                .chain(turn -> {
                    if (before == null && turn.next() == null) {
                        return lock.release(openid, held.token()).replaceWith(turn.reply());
                    }
                    ConversationState next = turn.next() == null ? null : turn.next().bumped();
                    return store.saveAndRelease(openid, held.token(), next).invoke(saved -> {
                        if (!saved) {
                            Log.warnf("Conversation of %s changed hands while this message was handled", openid);
                        }
                    }).replaceWith(turn.reply());
                })
                .onFailure().call(() -> lock.release(openid, held.token()).onFailure().recoverWithNull());
    }

    /** The stored state if its flow and step still exist in the scripts (they may have been edited). */
    private static ConversationState current(BotScripts s, ConversationState state) {
        if (state == null) {
            return null;
        }
        return s.flow(state.flow()).flatMap(f -> f.step(state.step())).isPresent() ? state : null;
    }

    private Uni<Turn> decide(BotScripts s, ConversationState state, IncomingMessage m) {
        Flow flow = state == null ? null : s.flow(state.flow()).orElseThrow();
        Step step = state == null ? null : flow.step(state.step()).orElseThrow();
        return switch (m.kind()) {
            case SUBSCRIBE, SCAN -> scanned(s, m).orElseGet(() -> m.kind() == IncomingMessage.Kind.SUBSCRIBE
                    ? startOr(s, s.byEvent("subscribe"), m, state)
                    : startOr(s, s.byEvent("scan").or(() -> s.byEvent("subscribe")), m, state));
            case MENU_CLICK -> startOr(s, s.byMenuKey(m.eventKey()), m, state);
            case TEXT, VOICE -> text(s, flow, step, state, m);
            case IMAGE, LOCATION -> step != null ? answer(s, flow, step, state, m)
                    : keep(say(s, Texts.MEDIA_OUTSIDE_FLOW), state);
            case OTHER -> step != null ? answer(s, flow, step, state, m) : keep(say(s, Texts.UNSUPPORTED), state);
            case UNSUBSCRIBE -> keep(Reply.NONE, null);
        };
    }

    private Uni<Turn> text(BotScripts s, Flow flow, Step step, ConversationState state, IncomingMessage m) {
        String said = Words.normalise(m.text());
        if (s.isCancelWord(said)) {
            return keep(state == null ? say(s, Texts.NOTHING_TO_CANCEL)
                    : reply(flow.reply(Texts.CANCELLED).orElse(s.texts().reply(Texts.CANCELLED)), flow.defaults()),
                    null);
        }
        if (step != null) {
            return answer(s, flow, step, state, m);
        }
        if (said.isEmpty()) {
            return keep(reply(s.texts().invalid().get("empty"), s.texts().defaults()), null);
        }
        Optional<Flow> asked = s.byText(said);
        if (asked.isPresent()) {
            return start(s, asked.get(), m);
        }
        Map<String, Object> data = new HashMap<>(s.texts().defaults());
        data.put("text", m.text().strip());
        return keep(reply(s.texts().reply(Texts.FALLBACK), data), null);
    }

    /**
     * A parametric QR code (an invite card): the SCAN event's key, or the subscribe event's {@code qrscene_} key, is
     * the scene. It answers the first step of the {@code invite-scan} flow (the invite code of 绑定), which goes on
     * from its second step, so the resident types no code. Other scenes (not shaped like an invite code, or not
     * accepted by the step) start nothing here. A meeting's check-in code (scene {@code meeting:<id>}) starts the
     * {@code meeting-scan} flow instead.
     */
    private Optional<Uni<Turn>> scanned(BotScripts s, IncomingMessage m) {
        String key = m.eventKey() == null ? "" : m.eventKey().strip();
        String scene = m.kind() == IncomingMessage.Kind.SUBSCRIBE
                ? (key.startsWith("qrscene_") ? key.substring("qrscene_".length()) : "") : key;
        if (MeetingCheckIn.meetingOf(scene).isPresent()) {
            // A meeting's check-in QR code: the stepless meeting-scan flow gets the scene as its "text".
            return s.byEvent("meeting-scan").map(flow -> start(s, flow, new IncomingMessage(m.openid(),
                    IncomingMessage.Kind.TEXT, scene, null, null, null, null, m.receivedAt())));
        }
        Optional<Flow> flow = s.byEvent("invite-scan");
        if (!InviteService.looksLikeCode(scene) || flow.isEmpty() || flow.get().steps().isEmpty()) {
            return Optional.empty();
        }
        Step first = flow.get().steps().get(0);
        IncomingMessage typed = new IncomingMessage(m.openid(), IncomingMessage.Kind.TEXT, scene, null, null, null,
                null, m.receivedAt());
        if (!(StepInput.evaluate(first, typed, s.texts()) instanceof StepInput.Accepted)) {
            return Optional.empty();
        }
        return Optional.of(admitted(s, flow.get(), m.openid()).chain(refusal -> {
            if (refusal != null) {
                return keep(refusal, null);
            }
            ConversationState state = ConversationState.start(flow.get().id(), first.id(), UUID.randomUUID().toString());
            return answer(s, flow.get(), first, state, typed);
        }));
    }

    /** Starts the flow of an event or menu key; a key no flow answers (an old menu) keeps any flow going. */
    private Uni<Turn> startOr(BotScripts s, Optional<Flow> flow, IncomingMessage m, ConversationState state) {
        return flow.isPresent() ? start(s, flow.get(), m) : keep(say(s, Texts.UNKNOWN_MENU), state);
    }

    /** Starts a flow (dropping any other in progress) once its requirement is met. */
    private Uni<Turn> start(BotScripts s, Flow flow, IncomingMessage m) {
        return admitted(s, flow, m.openid()).chain(refusal -> {
            if (refusal != null) {
                return keep(refusal, null);
            }
            if (flow.steps().isEmpty()) {
                // A flow without steps hands the message that started it to its action as "text" (SS-… numbers, a 1–5 rating).
                ConversationState run = ConversationState.start(flow.id(), "", UUID.randomUUID().toString())
                        .remember(Map.of("text", m.text() == null ? "" : m.text().strip()));
                return finish(s, flow, run, m);
            }
            Step first = flow.steps().get(0);
            ConversationState state = ConversationState.start(flow.id(), first.id(), UUID.randomUUID().toString());
            return keep(reply(first.ask(), data(flow, state, Map.of())), state);
        });
    }

    /** Null when the resident may start the flow, else the reply that says why not. */
    private Uni<Reply> admitted(BotScripts s, Flow flow, String openid) {
        if (flow.requires() == Flow.Requirement.NONE) {
            return Uni.createFrom().nullItem();
        }
        return residency.of(openid).map(standing -> {
            if (standing.verified()) {
                return null;
            }
            String key = standing.pending() ? Texts.GATE_PENDING : Texts.GATE_UNBOUND;
            return reply(flow.reply(key).orElse(s.texts().reply(key)), flow.defaults());
        });
    }

    private Uni<Turn> answer(BotScripts s, Flow flow, Step step, ConversationState state, IncomingMessage m) {
        StepInput.Result result = StepInput.evaluate(step, m, s.texts());
        if (result instanceof StepInput.Rejected rejected) {
            Template message = step.invalid().getOrDefault(rejected.reason(),
                    s.texts().invalid().get(rejected.reason()));
            return keep(reply(message, data(flow, state, rejected.vars())), state);
        }
        state.remember(((StepInput.Accepted) result).values());
        Optional<Step> next = flow.after(step);
        if (next.isPresent()) {
            state.moveTo(next.get().id());
            return keep(reply(next.get().ask(), data(flow, state, Map.of())), state);
        }
        return finish(s, flow, state, m);
    }

    /** Runs the flow's action and answers with the reply of its outcome; the conversation ends. */
    private Uni<Turn> finish(BotScripts s, Flow flow, ConversationState state, IncomingMessage m) {
        Uni<Outcome> outcome = flow.action() == null ? Uni.createFrom().item(Outcome.of(Flow.DONE))
                : actions.get(flow.action()).run(new ActionContext(m.openid(), state.data(), state.key(), s.texts()));
        return outcome.map(o -> {
            Template template = flow.reply(o.key()).or(() -> flow.reply(Outcome.FAILED)).orElse(null);
            Log.debugf("Flow %s of %s ended with %s", flow.id(), m.openid(), o.key());
            return new Turn(template == null ? say(s, Texts.ERROR) : reply(template, data(flow, state, o.vars())),
                    null);
        });
    }

    private static Map<String, Object> data(Flow flow, ConversationState state, Map<String, Object> vars) {
        Map<String, Object> data = new HashMap<>(flow.defaults());
        data.putAll(state.templateData());
        data.putAll(vars);
        return data;
    }

    private static Uni<Turn> keep(Reply reply, ConversationState state) {
        return Uni.createFrom().item(new Turn(reply, state));
    }

    private static Reply reply(Template template, Map<String, Object> data) {
        String text = Render.render(template, data);
        if (text.isBlank()) {
            throw new IllegalStateException("Reply template " + template.getId() + " rendered nothing");
        }
        return Reply.text(text);
    }

    private static Reply say(BotScripts s, String key) {
        return reply(s.texts().reply(key), s.texts().defaults());
    }
}
