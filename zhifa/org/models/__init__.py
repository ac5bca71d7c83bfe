from zhifa.org.models.agencies import Agency, AgencyKind, Unit, UnitKind
from zhifa.org.models.regions import Region, RegionLevel
from zhifa.org.models.users import Membership, User
from zhifa.org.roles import ADMIN_ROLES, BUSINESS_ROLES, Role

__all__ = [
    "ADMIN_ROLES",
    "BUSINESS_ROLES",
    "Agency",
    "AgencyKind",
    "Membership",
    "Region",
    "RegionLevel",
    "Role",
    "Unit",
    "UnitKind",
    "User",
]
