package org.linli.bot.script;

import java.util.List;

/**
 * The Official Account's custom menu from bot-scripts/menu.yaml, checked against WeChat's limits. Pushing it to
 * WeChat is the gateway's job; click keys are answered by the flows whose {@code triggers.menu} name them.
 */
public record MenuDefinition(List<MenuButton> buttons) {

    /** One button: {@code click} (key), {@code view} (url) or {@code miniprogram} (url, appId, pagePath), or a
     * parent of sub-buttons (no type). */
    public record MenuButton(String name, String type, String key, String url, String appId, String pagePath,
                             List<MenuButton> subButtons) {

        public List<MenuButton> subButtons() {
            return subButtons == null ? List.of() : subButtons;
        }
    }

    /** Every click key in the menu, sub-buttons included. */
    public List<String> clickKeys() {
        return buttons.stream()
                .flatMap(b -> b.subButtons().isEmpty() ? java.util.stream.Stream.of(b) : b.subButtons().stream())
                .filter(b -> "click".equals(b.type()))
                .map(MenuButton::key)
                .toList();
    }
}
