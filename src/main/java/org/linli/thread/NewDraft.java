package org.linli.thread;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A matter a resident wants to raise. {@code submissionKey} makes the call idempotent: the same key returns the
 * thread created the first time (the bot passes its conversation id, so a double 确认 stores one draft).
 */
public record NewDraft(@NotNull Long communityId,
                       @NotNull Long residentId,
                       Long householdId,
                       @NotBlank @Size(max = 1000) String description,
                       @Size(max = 200) String locationText,
                       @DecimalMin("-90") @DecimalMax("90") Double latitude,
                       @DecimalMin("-180") @DecimalMax("180") Double longitude,
                       @Size(max = 128) String photoMediaId,
                       @Size(max = 1024) String photoUrl,
                       @NotNull ThreadSource source,
                       @Size(max = 64) String submissionKey) {
}
