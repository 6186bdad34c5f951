import factory

from council.models import Council, CouncilMemberRole, CouncilMembership


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    status = Council.Status.DRAFT


def add_member(council, staff, roles=("ma_head",), joined_on=None):
    membership = CouncilMembership.objects.create(
        council=council, staff=staff, joined_on=joined_on or council.academic_year.start_date
    )
    for role in roles:
        CouncilMemberRole.objects.create(membership=membership, role=role)
    return membership
