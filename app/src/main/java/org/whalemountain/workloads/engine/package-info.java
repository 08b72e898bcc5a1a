/**
 * The container engine port: {@link org.whalemountain.workloads.engine.ContainerEngine},
 * what it is given and answers, and its failures; {@code ContainerEngines}, the one way
 * to an engine by name, and {@code EngineLabels}, the labels every engine's containers
 * carry. No engine's library type appears here, and no word of one engine: that lives in
 * its adapter package. A named interface, the only way into the module for code that runs
 * containers of its own (the runners).
 */
@org.springframework.modulith.NamedInterface("engine")
package org.whalemountain.workloads.engine;
