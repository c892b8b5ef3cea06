/**
 * Live import of a running Docker engine: {@link dev.hopscope.io.docker.EngineAddress} says where
 * the engine is (as the docker CLI finds it), {@link dev.hopscope.io.docker.EngineReader} reads it
 * through docker-java with a transport that lets only the read calls through, {@link
 * dev.hopscope.io.docker.ListeningSockets} reads what containers really listen on from
 * {@code /proc}, and {@link dev.hopscope.io.docker.LiveImporter} turns that snapshot into a
 * laid-out document. Nothing here ever changes the engine.
 */
package dev.hopscope.io.docker;
