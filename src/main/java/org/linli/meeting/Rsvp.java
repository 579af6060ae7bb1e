package org.linli.meeting;

/** An invitee's answer: 参加, 不参加, 待定. No row value (null) is 未答复. */
public enum Rsvp {
    YES,
    NO,
    MAYBE
}
