package org.linli.notice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.linli.common.Problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks attachments and stores them as a JSON array in the notice row. */
final class Attachments {

    static final int MAX = 9;
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Attachment>> LIST = new TypeReference<>() {
    };

    private Attachments() {
    }

    /** The attachments cleaned (names stripped), or 400 VALIDATION_FAILED naming each bad one. */
    static List<Attachment> check(List<Attachment> given) {
        if (given == null || given.isEmpty()) {
            return List.of();
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        if (given.size() > MAX) {
            errors.add(error("attachments", "附件最多 " + MAX + " 个"));
        }
        List<Attachment> clean = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Attachment a = given.get(i);
            String problem = problem(a);
            if (problem != null) {
                errors.add(error("attachments[" + i + "]", problem));
                continue;
            }
            String name = a.name() == null || a.name().isBlank() ? null : a.name().strip();
            clean.add(new Attachment(a.type(), a.ref().strip(), name));
        }
        if (!errors.isEmpty()) {
            throw new Problem(400, "VALIDATION_FAILED", errors);
        }
        return List.copyOf(clean);
    }

    private static String problem(Attachment a) {
        if (a == null || a.type() == null || a.ref() == null || a.ref().isBlank()) {
            return "附件需要类型（WECHAT_MEDIA 或 URL）和内容";
        }
        if (a.name() != null && a.name().strip().length() > 64) {
            return "附件名称不能超过 64 个字";
        }
        String ref = a.ref().strip();
        return switch (a.type()) {
            case WECHAT_MEDIA -> MEDIA_ID.matcher(ref).matches() ? null : "微信素材 ID 格式不正确";
            case URL -> httpsUrl(ref) ? null : "附件链接必须是完整的 https 地址";
        };
    }

    static boolean httpsUrl(String ref) {
        if (ref.length() > 1000 || ref.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\')) {
            return false;
        }
        try {
            URI uri = new URI(ref);
            return uri.isAbsolute() && "https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null && !uri.getHost().isBlank() && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    static String toJson(List<Attachment> attachments) {
        try {
            return JSON.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Attachment> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored notice attachments are not valid JSON", e);
        }
    }

    private static Map<String, Object> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
