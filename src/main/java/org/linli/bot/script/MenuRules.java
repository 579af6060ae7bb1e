package org.linli.bot.script;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * WeChat's rules for a custom menu (at most 3 buttons of at most 5 sub-buttons, name and key sizes in bytes, the
 * fields each button type needs), plus ours: every click key is answered by a flow.
 */
final class MenuRules {

    private static final Set<String> MENU_KEY_TYPES = Set.of("click", "scancode_push", "scancode_waitmsg",
            "pic_sysphoto", "pic_photo_or_album", "pic_weixin", "location_select");
    private static final int MAX_BUTTONS = 3;
    private static final int MAX_SUB_BUTTONS = 5;

    private MenuRules() {
    }

    static void check(MenuDefinition menu, Set<String> answeredKeys, Problems problems) {
        String file = ScriptSource.MENU;
        List<MenuDefinition.MenuButton> buttons = menu.buttons() == null ? List.of() : menu.buttons();
        if (buttons.isEmpty() || buttons.size() > MAX_BUTTONS) {
            problems.add(file, "needs 1 to " + MAX_BUTTONS + " buttons, has " + buttons.size());
        }
        Set<String> keys = new LinkedHashSet<>();
        for (MenuDefinition.MenuButton b : buttons) {
            if (!b.subButtons().isEmpty()) {
                checkName(b, 16, problems);
                if (b.type() != null) {
                    problems.add(file, "'" + b.name() + "' has sub-buttons, so it takes no type");
                }
                if (b.subButtons().size() > MAX_SUB_BUTTONS) {
                    problems.add(file, "'" + b.name() + "' has more than " + MAX_SUB_BUTTONS + " sub-buttons");
                }
                for (MenuDefinition.MenuButton sub : b.subButtons()) {
                    if (!sub.subButtons().isEmpty()) {
                        problems.add(file, "'" + sub.name() + "': menus are two levels deep at most");
                    }
                    checkName(sub, 60, problems);
                    checkLeaf(sub, keys, answeredKeys, problems);
                }
            } else {
                checkName(b, 16, problems);
                checkLeaf(b, keys, answeredKeys, problems);
            }
        }
    }

    private static void checkName(MenuDefinition.MenuButton b, int maxBytes, Problems problems) {
        if (b.name() == null || b.name().isBlank()) {
            problems.add(ScriptSource.MENU, "a button has no name");
        } else if (b.name().getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            problems.add(ScriptSource.MENU, "'" + b.name() + "' is longer than " + maxBytes + " bytes ("
                    + (maxBytes / 3) + " Chinese characters)");
        }
    }

    private static void checkLeaf(MenuDefinition.MenuButton b, Set<String> keys, Set<String> answeredKeys,
                                  Problems problems) {
        String file = ScriptSource.MENU;
        String type = b.type();
        if (type == null) {
            problems.add(file, "'" + b.name() + "' needs a type (click, view, miniprogram) or sub-buttons");
            return;
        }
        if (MENU_KEY_TYPES.contains(type)) {
            if (b.key() == null || b.key().isBlank() || b.key().getBytes(StandardCharsets.UTF_8).length > 128) {
                problems.add(file, "'" + b.name() + "' needs a key of at most 128 bytes");
            } else if (!keys.add(b.key())) {
                problems.add(file, "key " + b.key() + " is used twice");
            } else if ("click".equals(type) && !answeredKeys.contains(b.key())) {
                problems.add(file, "key " + b.key() + " is not answered by any flow (triggers.menu)");
            }
        } else if ("view".equals(type)) {
            if (b.url() == null || b.url().isBlank()) {
                problems.add(file, "'" + b.name() + "' (view) needs a url");
            }
        } else if ("miniprogram".equals(type)) {
            if (b.url() == null || b.appId() == null || b.pagePath() == null) {
                problems.add(file, "'" + b.name() + "' (miniprogram) needs url, app-id and page-path");
            }
        } else {
            problems.add(file, "'" + b.name() + "' has unknown type '" + type + "'");
        }
    }
}
