package com.github.dockerjava.api;

/**
 * Stands in for a docker-java type so that the architecture rule can be shown to fail.
 */
public interface FakeClient {

}
