package org.linli.poll;

/** 表决 (同意/反对/弃权), single choice, multiple choice with min/max, 选举 (elect up to N). */
public enum QuestionKind {
    APPROVAL, SINGLE, MULTIPLE, ELECTION
}
