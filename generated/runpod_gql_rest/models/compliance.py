# generated — do not edit: run `make generate` (scripts/generate_rest.py)

from __future__ import annotations

from enum import Enum


class Compliance(str, Enum):
    """
    Compliance certifications.
    """

    GDPR = "GDPR"
    ISO_IEC_27001 = "ISO_IEC_27001"
    ISO_14001 = "ISO_14001"
    PCI_DSS = "PCI_DSS"
    HITRUST = "HITRUST"
    SOC_1_TYPE_2 = "SOC_1_TYPE_2"
    SOC_2_TYPE_2 = "SOC_2_TYPE_2"
    SOC_3_TYPE_2 = "SOC_3_TYPE_2"
    ITAR = "ITAR"
    FISMA_HIGH = "FISMA_HIGH"
    HIPAA = "HIPAA"
    RENEWABLE = "RENEWABLE"
