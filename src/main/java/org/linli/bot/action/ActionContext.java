package org.linli.bot.action;

import org.linli.bot.script.Texts;

import java.util.Map;

/**
 * What an action gets: who is talking, the flow's answers by step id (locations add {@code <id>Latitude} and
 * {@code <id>Longitude}, images {@code <id>MediaId} and {@code <id>Url}) and the id of this run of the flow, to be
 * used as an idempotency key; {@code texts} gives the display labels of codes.
 */
public record ActionContext(String openid, Map<String, String> answers, String runKey, Texts texts) {

    /** An answer, or null when the step was skipped or not asked. */
    public String answer(String slot) {
        String v = answers.get(slot);
        return v == null || v.isBlank() ? null : v;
    }

    public Double number(String slot) {
        String v = answer(slot);
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
