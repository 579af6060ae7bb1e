package org.linli.notice;

import jakarta.validation.constraints.NotBlank;
import org.linli.common.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A new version of a notice's content. Scope and publication time stay as published: to reach other households
 * or to move a scheduled notice, withdraw it and publish a new one.
 *
 * @param renotify push the new version to the recipients again (also accepted as {@code ?renotify=true})
 */
public record NoticeEdit(@NotBlank @Size(max = 64) @PlainText String title,
                         @NotBlank @Size(max = 20_000) String body,
                         BodyFormat format,
                         @NotNull NoticeCategory category,
                         NoticePriority priority,
                         OffsetDateTime expiresAt,
                         @Size(max = Attachments.MAX) List<Attachment> attachments,
                         boolean requiresAck,
                         boolean renotify) {
}
