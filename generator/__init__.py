"""graph-codegen: typed Python clients for Microsoft Graph resources, generated from YAML specs."""

__version__ = "0.1.0"
