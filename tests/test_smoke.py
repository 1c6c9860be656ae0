from conftest import holds, make_case


def test_base_case_has_every_element_but_a_circumstance():
    data = make_case()
    for e in ("provider", "duty", "ordered", "refused"):
        assert holds(data, f"cl.286-1.1.{e}")
    assert not holds(data, "cl.286-1.1.circumstance")
    assert not holds(data, "cl.286-1")
