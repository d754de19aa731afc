package dev.wren.bench;

/**
 * The facts of one run that the report states: when, how long, how often each measurement was
 * repeated, the command that reproduces it, the environment, and how busy the machine was.
 * Immutable.
 *
 * @param load the load averages before and after the run, or "" where unknown
 */
record RunFacts(String date, String duration, int reps, String command, Environment environment,
    String load) {}
