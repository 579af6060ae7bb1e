package org.linli.bot.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** texts.yaml as written: global replies, default validation messages and display labels. */
public record TextsFile(List<String> cancelWords, LinkedHashMap<String, String> replies,
                        LinkedHashMap<String, String> invalid, Map<String, Map<String, String>> labels) {
}
