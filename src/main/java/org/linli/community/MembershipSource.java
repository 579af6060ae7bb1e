package org.linli.community;

public enum MembershipSource { ROSTER, INVITE, STAFF }
