package org.linli.wechat;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import me.chanjar.weixin.common.bean.menu.WxMenu;
import me.chanjar.weixin.common.bean.menu.WxMenuButton;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import org.linli.bot.BotScriptsHolder;
import org.linli.bot.script.MenuDefinition;
import org.linli.common.Workers;

import java.util.List;

/** Pushes the custom menu defined in bot-scripts/menu.yaml to the Official Account. */
@ApplicationScoped
public class MenuPublisher {

    private final BotScriptsHolder scripts;
    private final WxMpService mp;
    private final Workers workers;

    MenuPublisher(BotScriptsHolder scripts, WxMpService mp, Workers workers) {
        this.scripts = scripts;
        this.mp = mp;
        this.workers = workers;
    }

    /** Returns the number of top-level buttons published. */
    public Uni<Integer> publish() {
        MenuDefinition definition = scripts.menu();
        WxMenu menu = new WxMenu();
        menu.setButtons(definition.buttons().stream().map(MenuPublisher::button).toList());
        return workers.call(() -> {
            try {
                mp.getMenuService().menuCreate(menu);
                return definition.buttons().size();
            } catch (WxErrorException e) {
                throw new WechatUnavailable(e);
            }
        });
    }

    private static WxMenuButton button(MenuDefinition.MenuButton b) {
        WxMenuButton button = new WxMenuButton();
        button.setName(b.name());
        button.setType(b.type());
        button.setKey(b.key());
        button.setUrl(b.url());
        button.setAppId(b.appId());
        button.setPagePath(b.pagePath());
        List<WxMenuButton> subs = b.subButtons().stream().map(MenuPublisher::button).toList();
        button.setSubButtons(new java.util.ArrayList<>(subs));
        return button;
    }
}
