package org.linli.notice;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who a notice is for: the whole community (no ids), or the ids of grids, buildings, units or households.
 */
public record NoticeScope(@NotNull ScopeKind kind, @Size(max = 500) List<Long> ids) {

    public static NoticeScope community() {
        return new NoticeScope(ScopeKind.COMMUNITY, List.of());
    }

    /** Ids for the lists, none for the whole community. */
    @JsonIgnore
    @AssertTrue(message = "请选择通知范围：全社区不需要列表，网格、楼栋、单元或房屋至少选一个")
    public boolean isWellFormed() {
        boolean none = ids == null || ids.isEmpty();
        return kind == null || (kind == ScopeKind.COMMUNITY) == none && (ids == null || ids.stream().noneMatch(Objects::isNull));
    }

    Set<Long> targetIds() {
        return ids == null ? Set.of() : new LinkedHashSet<>(ids);
    }
}
