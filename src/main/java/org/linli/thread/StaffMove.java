package org.linli.thread;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of a staff action; which fields count depends on the action: {@code complex} (accept: the 15-day
 * clock), {@code reason} (reject), {@code result} + {@code photos} (resolve), {@code pollId} (deliberate),
 * {@code assigneeStaffId} / {@code gridId} (transfer), {@code targetThreadId} (merge into), {@code note} (any).
 */
public record StaffMove(@Size(max = 500) String note,
                        boolean complex,
                        @Size(max = 500) String reason,
                        @Size(max = 2000) String result,
                        @Valid @Size(max = 9) List<NewThread.Photo> photos,
                        Long pollId,
                        Long assigneeStaffId,
                        Long gridId,
                        Long targetThreadId) {

    static StaffMove empty() {
        return new StaffMove(null, false, null, null, List.of(), null, null, null, null);
    }
}
