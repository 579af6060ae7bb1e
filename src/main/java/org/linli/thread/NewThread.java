package org.linli.thread;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A matter raised in the Mini-Program. communityId/householdId may be left out when the resident has one verified
 * household; category and urgency are suggested when left out; {@code draft}: keep it as DRAFT until submitted.
 */
public record NewThread(Long communityId,
                        Long householdId,
                        @NotBlank @Size(max = 1000) String description,
                        @Size(max = 16) String category,
                        @Size(max = 200) String locationText,
                        Long buildingId,
                        @DecimalMin("-90") @DecimalMax("90") Double latitude,
                        @DecimalMin("-180") @DecimalMax("180") Double longitude,
                        @Valid List<Photo> photos,
                        Urgency urgency,
                        Visibility visibility,
                        boolean draft,
                        @Size(max = 64) String submissionKey) {

    /** A photo as a WeChat media id (chat) or an uploaded file's URL. */
    public record Photo(@Size(max = 128) String mediaId, @Size(max = 1024) String url) {
    }
}
