package org.linli.bot.script;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

import java.util.Map;

/** Renders a reply template with named values; the result is trimmed of the blank lines YAML blocks leave. */
public final class Render {

    private Render() {
    }

    public static String render(Template template, Map<String, ?> data) {
        TemplateInstance instance = template.instance();
        data.forEach(instance::data);
        return instance.render().strip();
    }
}
