package org.linli.poll;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** JSON columns of the poll tables: questions, the rule, answers and the stored result. */
@ApplicationScoped
class PollJson {

    private final ObjectMapper json;

    PollJson(ObjectMapper json) {
        this.json = json;
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Question> questions(String text) {
        return read(text, new TypeReference<>() {
        });
    }

    Rule rule(String text) {
        if (text == null) {
            return null;
        }
        Map<String, String> m = read(text, new TypeReference<Map<String, String>>() {
        });
        return new Rule(Base.valueOf(m.get("base")), Threshold.parse(m.get("quorum")), Threshold.parse(m.get("pass")));
    }

    String rule(Rule rule) {
        return write(Map.of("base", rule.base().name(), "quorum", rule.quorum().toString(),
                "pass", rule.pass().toString()));
    }

    PollResult result(String text) {
        return text == null ? null : read(text, new TypeReference<>() {
        });
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable poll column", e);
        }
    }

    /** Answers as stored in poll_ballot and poll_secret_choice: "0|1,2|" — one group per question. */
    static String answers(List<List<Integer>> answers) {
        StringBuilder s = new StringBuilder();
        for (int q = 0; q < answers.size(); q++) {
            if (q > 0) {
                s.append('|');
            }
            List<Integer> a = answers.get(q);
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                s.append(a.get(i));
            }
        }
        return s.toString();
    }

    static List<List<Integer>> answers(String text) {
        return java.util.Arrays.stream(text.split("\\|", -1))
                .map(group -> group.isEmpty() ? List.<Integer>of()
                        : java.util.Arrays.stream(group.split(",")).map(Integer::valueOf).toList())
                .toList();
    }
}
