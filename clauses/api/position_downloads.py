"""The positions list as CSV, an operation of its own: ``GET /api/v1/positions.csv``.

One media type per operation, so that the schema says what each answers and a client
generated from it reads this one as text (a client generated from an operation answering
JSON or CSV would parse the CSV as JSON). The filters, the conditional read (ETag, 304) and
the rows are the positions list's; ``?format=csv`` on the list stays as the same download.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view

from clauses.api.renderers import CsvRenderer
from clauses.api.views import PositionViewSet


@extend_schema_view(
    list=extend_schema(
        operation_id="positions_csv",
        summary="Positions as one CSV file, filterable like the positions list",
        description="Every position the filters select (as on the positions list: by default "
        "those in each plan's latest revision; revision=all exports every revision), in one "
        "streamed, unpaginated CSV file. Columns: the JSON's fields, the stance as stance, "
        "stance_label and stance_value. UTF-8 with a byte order mark; a text cell that would "
        "start a spreadsheet formula begins with an apostrophe. An error is the API's JSON "
        "error body.\n\n"
        "    curl -o positions.csv 'https://HOST/api/v1/positions.csv?plan=PLAN&revision=all'",
        responses={
            200: OpenApiResponse(
                response=OpenApiTypes.STR, description="The positions as CSV (text/csv)."
            )
        },
    )
)
class PositionCsvViewSet(PositionViewSet):
    # The one renderer: the list answers CSV (PositionViewSet.list streams it itself).
    renderer_classes = [CsvRenderer]
    # Unpaginated: the file holds every row the filters select.
    pagination_class = None  # type: ignore[assignment]
    resource_name = "position"

    def get_renderers(self):
        return [CsvRenderer()]
