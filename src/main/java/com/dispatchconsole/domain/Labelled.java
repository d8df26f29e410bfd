package com.dispatchconsole.domain;

/** A value with its own words for people ("Picked up" rather than PICKED); the UI's {@code Labels} asks it first. */
public interface Labelled {

    String label();
}
