package org.linli.notice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.linli.common.PlainText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A notice as staff submit it for publication.
 *
 * @param format     PLAIN when absent
 * @param priority   NORMAL when absent
 * @param publishAt  absent or not in the future: publish now; later: visible and pushed from then on
 * @param expiresAt  absent: never expires
 */
public record NoticeDraft(@NotBlank @Size(max = 64) @PlainText String title,
                          @NotBlank @Size(max = 20_000) String body,
                          BodyFormat format,
                          @NotNull NoticeCategory category,
                          NoticePriority priority,
                          @NotNull @Valid NoticeScope scope,
                          OffsetDateTime publishAt,
                          OffsetDateTime expiresAt,
                          @Size(max = Attachments.MAX) List<Attachment> attachments,
                          boolean requiresAck) {
}
