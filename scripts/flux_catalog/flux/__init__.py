"""Flux semantics over kustomize builds: sources, what a Kustomization applies,
postBuild substitution and cluster roots."""
