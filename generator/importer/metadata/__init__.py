"""The service's metadata as the contract: in comes a CSDL document read by `generator.odata`;
out comes what it says of a type (properties, enum members, where an entity is, a type no page
documents) over what the `docs/` facts say, each disagreement a decision."""
