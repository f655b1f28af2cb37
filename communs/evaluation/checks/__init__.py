"""The checks, one module each; the registry in ``communs.evaluation.registry`` lists them."""
