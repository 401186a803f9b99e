"""The served OpenAPI document must be a valid OpenAPI 3.1 description."""

import json
import urllib.request

from openapi_spec_validator import OpenAPIV31SpecValidator, validate


def test_openapi_document_is_valid_3_1(base_url):
    url = base_url + "/api/v1/openapi.json"
    with urllib.request.urlopen(url, timeout=15) as r:
        assert r.status == 200, f"GET {url} answered {r.status}"
        body = r.read()
    try:
        spec = json.loads(body)
    except json.JSONDecodeError as e:
        raise AssertionError(f"{url} is not JSON: {e}; starts with {body[:200]!r}") from None
    version = str(spec.get("openapi", ""))
    assert version.startswith("3.1"), f'{url}: "openapi" is {version!r}, expected 3.1.x'
    validate(spec, cls=OpenAPIV31SpecValidator)  # raises with the failing path on error
