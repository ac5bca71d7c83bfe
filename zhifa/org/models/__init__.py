from zhifa.org.models.agencies import Agency, AgencyKind, Unit, UnitKind
from zhifa.org.models.fields import EnforcementField
from zhifa.org.models.regions import Region, RegionLevel
from zhifa.org.models.users import Membership, PasswordResetRequest, ResetStatus, User
from zhifa.org.roles import ADMIN_ROLES, BUSINESS_ROLES, Role

__all__ = [
    "ADMIN_ROLES",
    "BUSINESS_ROLES",
    "Agency",
    "AgencyKind",
    "EnforcementField",
    "Membership",
    "PasswordResetRequest",
    "Region",
    "RegionLevel",
    "ResetStatus",
    "Role",
    "Unit",
    "UnitKind",
    "User",
]
