package org.linli.notice;

/**
 * A file or page attached to a notice: a WeChat media id (uploaded through the Mini-Program) or an https link.
 *
 * @param name what residents see, e.g. 停水范围图.pdf; optional
 */
public record Attachment(Type type, String ref, String name) {

    public enum Type { WECHAT_MEDIA, URL }
}
