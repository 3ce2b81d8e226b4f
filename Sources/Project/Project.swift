// Project module.
