"""kustomize builds from files, staged as kustomize stages them, with provenance.

``Kustomizer(FileSystem(root)).build(directory)`` returns the resources ``kustomize build``
(or Flux's generated kustomization, for a directory without one) produces, each with the
document it was written in and the changes (patches, transformers) applied to it.
"""

from .build import KUSTOMIZATION_FILES, Accumulation, Kustomizer
from .fs import FileSystem, MemoryFileSystem
from .patches import Patch
from .resource import Change, Resource, is_object, meta
from .targets import Target

__all__ = ["KUSTOMIZATION_FILES", "Accumulation", "Change", "FileSystem", "Kustomizer",
           "MemoryFileSystem", "Patch", "Resource", "Target", "is_object", "meta"]
