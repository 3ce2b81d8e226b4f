// Sketch module.
