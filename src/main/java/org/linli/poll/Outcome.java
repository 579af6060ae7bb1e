package org.linli.poll;

/** A question's result. QUORUM_NOT_MET is 未达法定参与比例; RUNOFF_NEEDED is 需另行选举. */
public enum Outcome {
    PASSED, FAILED, QUORUM_NOT_MET, COUNTED, ELECTED, RUNOFF_NEEDED
}
