package dev.wren.bench;

/**
 * The facts of one run that the report states: when, how long, how often each measurement was
 * repeated, the command that reproduces it, and the environment. Immutable.
 */
record RunFacts(String date, String duration, int reps, String command, Environment environment) {}
