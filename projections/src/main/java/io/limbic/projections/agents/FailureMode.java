package io.limbic.projections.agents;

public enum FailureMode { SKIP, SEQUENCE }
